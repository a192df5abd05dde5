"""Công cụ dựng trang: chạy snippet, vẽ hình lúc dựng (không phải một phần của gói rnnlab)."""
