"""Problems found in the sources, as records."""
