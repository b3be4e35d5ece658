"""The iwe-pack command line."""
