"""oro_desktop: collaboration guidelines for concern for an expected child, a newborn or a preschool child."""

__version__ = "0.1.0"
