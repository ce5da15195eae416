"""The production Jasper PIM client and the connector's write paths."""
