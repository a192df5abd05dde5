"""Dữ liệu cho các ví dụ: sinh được, xác định theo seed."""
