"""Resource namespaces of the client, one module per contract module (same file names as contracts/)."""
