"""Deployment helpers run by the Kubernetes Jobs and init containers (copied into the images under /app/deploy)."""
