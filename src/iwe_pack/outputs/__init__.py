"""PDFs and their cache, zips, atomic writes."""
