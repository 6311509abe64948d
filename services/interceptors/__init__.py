"""Server interceptors, one job each, composed by the server bootstrap (services/server.py)."""

from __future__ import annotations

from services.interceptors.auth import AuthInterceptor
from services.interceptors.errors import MAX_ERROR_DETAILS, ErrorMappingInterceptor, bounded_details
from services.interceptors.kernel import KernelInterceptor
from services.interceptors.observability import ObservabilityInterceptor
from services.interceptors.validation import ValidationInterceptor

__all__ = [
    "MAX_ERROR_DETAILS",
    "AuthInterceptor",
    "ErrorMappingInterceptor",
    "KernelInterceptor",
    "ObservabilityInterceptor",
    "ValidationInterceptor",
    "bounded_details",
]
