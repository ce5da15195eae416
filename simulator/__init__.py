"""The Jasper PIM tenant simulator: an in-memory, stateful stand-in for a tenant's REST API."""
