"""KDF parameters for new key slots, for the CLI (which must not import the store).

`from_environment()` is the default policy unless the test-only switch
`ORO_INSECURE_FAST_KDF=1` is set (it prints a warning); see oro_desktop/store/kdf.py.
"""

from __future__ import annotations

from oro_desktop.store.kdf import FAST_INSECURE, KdfParams, from_environment

__all__ = ["FAST_INSECURE", "KdfParams", "from_environment"]
