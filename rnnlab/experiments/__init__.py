"""Thí nghiệm của phần "Vấn đề gradient": mã dùng chung cho các snippet, sổ tay và dòng lệnh ``rnnlab``.

Mỗi mô-đun là một thí nghiệm, xác định hoàn toàn theo seed (seed); nhập trực tiếp mô-đun con:

- ``flow``: đo ‖∂L/∂h_t‖ qua các bước thời gian (RNN tuyến tính với W_hh = ρ·Q, RNN tanh ở
  nhiều thang đo của W_hh, so sánh RNN/LSTM/GRU);
- ``adding``: bài toán cộng (phụ thuộc dài hạn): dữ liệu, mô hình, huấn luyện, đường học;
- ``exploding``: một thiết lập nổ gradient, huấn luyện có và không có cắt gradient;
- ``cliff``: "vách đá" của Pascanu và cộng sự (2013): mặt lỗi của một mạng hồi tiếp một nút.

Các snippet ở ``snippets/gradient/`` chạy những hàm này ở kích thước nhỏ (vừa thời gian dựng
trang); lệnh ``python -m rnnlab`` chạy chúng ở kích thước lớn hơn.
"""
