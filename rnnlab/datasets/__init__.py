"""Dữ liệu cho các ví dụ: sinh được, xác định theo hạt giống (seed)."""
