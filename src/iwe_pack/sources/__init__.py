"""Reading files into typed values that remember their file and line."""
