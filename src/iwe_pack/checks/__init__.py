"""Rules across the values read from the sources."""
