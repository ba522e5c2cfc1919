"""Form widgets built from definitions, and printing of the PDFs rendered from them."""
