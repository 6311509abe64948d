"""Security kernel: API-key authentication, TLS credentials, declared request constraints and URL allowlists."""
