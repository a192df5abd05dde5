"""Đường nhanh của LSTM một tầng, một chiều: cùng công thức với ``lstm.lstm_step``, ít phép gọi hơn.

Trang web hiển thị ``lstm_step`` và ``lstm_step_backward`` (viết thẳng theo công thức). Mô-đun này
tính đúng những đại lượng đó cho cả chuỗi, nhưng mỗi bước gọi ít phép tính hơn (mỗi phép gọi từ
Python có giá cố định, đáng kể so với tensor (B, 4H) nhỏ):

- lượt xuôi ghi cổng, c_t và tanh(c_t) thẳng vào các tensor (T, B, ·) cấp sẵn, không tạo tensor mới
  ở mỗi bước, không tính thừa số đạo hàm nào;
- lượt ngược tính các thừa số đạo hàm một lần cho cả chuỗi, rồi mỗi bước chỉ còn sáu phép: hai cho
  ∂L/∂c_t, hai cho ∂L/∂gates_t (ghi đè tại chỗ lên thừa số), một cho ∂L/∂c_{t-1}, một phép nhân
  ma trận cho ∂L/∂h_{t-1};
- gradient của W_ih, W_hh, các bias và x là tổng theo t: mỗi cái một phép nhân trên cả chuỗi (T*B hàng)
  sau vòng lặp.

``bptt.run_sequence`` dùng đường này cho LSTM khi không có mặt nạ độ dài và không ai ghi ∂L/∂h_t;
``tests/test_lstm_fast.py`` so nó với ``bptt.BPTT`` chạy ``lstm_step``/``lstm_step_backward``
(giá trị và mọi gradient, có và không có gradient của x).
"""

from __future__ import annotations

import torch

from .rnn import input_projection  # W_ih x + b_ih + b_hh, như RNN và LSTM hiển thị


class LSTMSequence(torch.autograd.Function):
    """Cả chuỗi qua một tầng LSTM, một chiều. ``apply(keep, x, w_ih, w_hh, b_ih, b_hh, h0, c0)`` → ``hs, h_T, c_T``."""

    @staticmethod
    def forward(ctx, keep, x, w_ih, w_hh, b_ih, b_hh, h0, c0):
        T, B = x.shape[:2]
        H = w_hh.shape[1]
        # pre = W_ih x_t + b_ih + b_hh cho mọi t; mỗi bước cộng thêm W_hh h_{t-1} rồi thay tại chỗ
        # bằng các cổng σ(pre_i), σ(pre_f), tanh(pre_g), σ(pre_o)                          (T, B, 4H)
        gates = input_projection(x, w_ih, b_ih, b_hh)
        hs = x.new_empty(T, B, H)
        cs = x.new_empty(T + 1, B, H)  # cs[0] = c_0, cs[t + 1] = c_t
        cs[0] = c0
        tanh_cs = x.new_empty(T, B, H)
        w_hh_t = w_hh.t()
        h = h0
        # các khung nhìn của từng bước, tạo sẵn một lần: pre_t (B, 4H), khối i và f liền nhau (B, 2H),
        # rồi i, f, g, o (B, H) và các ô nhớ, đầu ra
        views = [gates, gates[:, :, : 2 * H], *gates.chunk(4, 2), cs[:-1], cs[1:], tanh_cs, hs]
        for pre, i_f, i, f, g, o, c_prev, c, tanh_c, h_out in zip(*(v.unbind(0) for v in views)):
            pre.addmm_(h, w_hh_t)
            i_f.sigmoid_()
            g.tanh_()
            o.sigmoid_()
            # c_t = f ⊙ c_{t-1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)
            torch.mul(f, c_prev, out=c).addcmul_(i, g)
            torch.mul(o, torch.tanh(c, out=tanh_c), out=h_out)
            h = h_out
        if keep:
            ctx.save_for_backward(x, w_ih, w_hh, b_ih, b_hh, h0, gates, cs, tanh_cs, hs)
        return hs, h.clone(), cs[-1].clone()

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, dhs, dh_T, dc_T):
        x, w_ih, w_hh, b_ih, b_hh, h0, gates, cs, tanh_cs, hs = ctx.saved_tensors
        need_x, need_w_ih, need_w_hh, need_b_ih, need_b_hh, need_h0, need_c0 = ctx.needs_input_grad[1:]
        T, B, H = hs.shape
        i, f, g, o = gates.chunk(4, 2)  # mỗi cái (T, B, H)
        # thừa số của mọi bước, cho cả chuỗi một lần (xem lstm_backward_factors)              (T, B, 4H)
        # σ' = s − s² cho i, f, o;  tanh' = 1 − g² cho khối g
        dgates = torch.addcmul(gates, gates, gates, value=-1)
        di, df, dg, do = dgates.chunk(4, 2)
        torch.addcmul(g.new_ones(()), g, g, value=-1, out=dg)
        # ∂c_t/∂pre_i = g σ'(pre_i),  ∂c_t/∂pre_f = c_{t-1} σ'(pre_f),  ∂c_t/∂pre_g = i tanh'(pre_g)
        di.mul_(g)
        df.mul_(cs[:-1])
        dg.mul_(i)
        # ∂h_t/∂pre_o = tanh(c_t) σ'(pre_o);  ∂h_t/∂c_t = o (1 − tanh²(c_t))
        do.mul_(tanh_cs)
        dh_dc = torch.addcmul(tanh_cs.new_ones(()), tanh_cs, tanh_cs, value=-1).mul_(o)
        dh = torch.zeros_like(h0) if dh_T is None else dh_T
        dc = torch.zeros_like(h0) if dc_T is None else dc_T
        dhs = [None] * T if dhs is None else dhs.unbind(0)
        dgates_icg = dgates.view(T, B, 4, H)[:, :, :3].unbind(0)  # (B, 3, H): khối i, f, g của bước t
        steps = list(zip(dhs, dh_dc, dgates_icg, do, f, dgates.unbind(0)))
        for dh_out, dh_dc_t, dicg_t, do_t, f_t, dgates_t in reversed(steps):
            if dh_out is not None:
                dh = dh + dh_out
            # ∂L/∂c_t = phần từ bước sau + ∂L/∂h_t ⊙ ∂h_t/∂c_t
            dc = torch.addcmul(dc, dh, dh_dc_t)
            # ∂L/∂gates_t, ghi đè lên thừa số của bước t
            dicg_t.mul_(dc.unsqueeze(1))
            do_t.mul_(dh)
            # ∂L/∂c_{t-1} = f_t ⊙ ∂L/∂c_t;  ∂L/∂h_{t-1} = W_hhᵀ ∂L/∂gates_t
            dc.mul_(f_t)
            dh = dgates_t @ w_hh
        # gradient của tham số: tổng theo t, một phép nhân trên cả chuỗi                     (T*B, 4H)
        dgates_all = dgates.view(T * B, 4 * H)
        dx = (dgates_all @ w_ih).view(x.shape) if need_x else None
        dw_ih = dgates_all.t() @ x.reshape(T * B, -1) if need_w_ih else None
        dw_hh = None
        if need_w_hh:
            # ∂L/∂W_hh = Σ_t ∂L/∂gates_tᵀ h_{t-1}, với h_0 ở bước đầu và hs[t − 1] ở các bước sau
            dw_hh = dgates[0].t() @ h0
            if T > 1:
                dw_hh.addmm_(dgates[1:].reshape(-1, 4 * H).t(), hs[:-1].reshape(-1, H))
        # ∂L/∂b_ih = ∂L/∂b_hh = Σ_t Σ_b ∂L/∂gates_t
        db_ih = dgates_all.sum(0) if need_b_ih else None
        db_hh = (dgates_all.sum(0) if db_ih is None else db_ih.clone()) if need_b_hh else None
        return None, dx, dw_ih, dw_hh, db_ih, db_hh, dh if need_h0 else None, dc if need_c0 else None
