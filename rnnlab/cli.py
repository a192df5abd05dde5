"""Dòng lệnh ``rnnlab`` (hoặc ``python -m rnnlab``): chạy các thí nghiệm của phần "Vấn đề gradient"
ở kích thước lớn hơn bản dựng trang, in bảng kết quả và lưu hình (``--out THƯ_MỤC``).

    rnnlab flow --cell rnn --rho 0.9 --seq-len 100
    rnnlab adding --cell lstm --seq-len 200 --seeds 3 --clip 1.0
    rnnlab clipping --seeds 5 --steps 300
    rnnlab cliff --out hinh/

Mọi chữ argparse in ra (cách dùng, trợ giúp, lỗi) đều bằng tiếng Việt (``argparse_vi``); tham số sai cho
mã thoát 2. Hình được vẽ bằng các hàm ``plot_*`` nằm cạnh thí nghiệm của chúng (``rnnlab.experiments``).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from .argparse_vi import (
    ArgumentParser,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    real,
    seq_len_int,
)
from .vi import say, table


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="rnnlab",
        description="Thí nghiệm về biến mất gradient và nổ gradient trong mạng nơ-ron hồi tiếp (RNN, LSTM, GRU), "
        "chạy ở kích thước lớn hơn bản dựng trang. Mỗi lệnh in một bảng kết quả; --out lưu hình.",
        epilog="Ví dụ: rnnlab adding --cell lstm --seq-len 200 --seeds 3 --clip 1.0",
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="LỆNH",
        title="các lệnh",
        description="gõ 'rnnlab LỆNH --help' để xem tuỳ chọn của từng lệnh",
    )
    sub.required = True

    def common(p, training=True):
        if training:
            p.add_argument("--seeds", type=positive_int, default=3, metavar="SỐ", help="số seed (seed 0, 1, ...)")
            p.add_argument("--threads", type=positive_int, default=1, metavar="SỐ", help="số luồng CPU của torch")
        p.add_argument("--out", type=Path, metavar="THƯ_MỤC", help="lưu hình (PNG) vào thư mục này")

    p = sub.add_parser(
        "flow",
        help="đo ‖∂L/∂h_t‖ qua các bước thời gian với W_hh = ρ·Q",
        description="Đo dòng gradient ‖∂L/∂h_t‖ (t = 1..T) cho một tầng có W_hh = ρ·Q (Q trực giao; "
        "với LSTM, GRU: mỗi khối cổng một Q), L = uᵀh_T, ‖∂L/∂h_T‖ = 1. "
        "Với RNN tuyến tính, số đo bằng đúng ρ^(T−t).",
    )
    p.add_argument("--cell", choices=["rnn", "lstm", "gru"], default="rnn", help="loại ô")
    kinds = ["identity", "tanh", "relu"]
    p.add_argument("--nonlinearity", choices=kinds, default="identity", help="hàm kích hoạt (identity: RNN tuyến tính)")
    p.add_argument("--rho", type=nonnegative_float, default=0.9, metavar="ρ", help="ρ: hệ số nhân của W_hh")
    p.add_argument("--seq-len", type=seq_len_int, default=100, metavar="T", help="T: số bước thời gian")
    p.add_argument("--hidden-size", type=positive_int, default=32, metavar="H", help="H: số nút ẩn")
    p.add_argument("--batch-size", type=positive_int, default=1, metavar="B", help="số chuỗi đầu vào ngẫu nhiên")
    p.add_argument("--seed", type=nonnegative_int, default=0, metavar="SỐ", help="seed")
    common(p, training=False)

    p = sub.add_parser(
        "adding",
        help="bài toán cộng (phụ thuộc dài hạn): huấn luyện và so sánh các loại ô",
        description="Huấn luyện RNN tanh / LSTM / GRU trên bài toán cộng (Adam), đánh giá MSE trên 500 "
        "chuỗi kiểm tra cố định. Mốc luôn đoán 1: MSE = 1/6 ≈ 0,1667. --stop-below 0: luôn chạy đủ --steps.",
    )
    cells = ["rnn", "lstm", "gru"]
    p.add_argument("--cell", choices=cells, nargs="+", default=cells, help="một hay nhiều loại ô")
    p.add_argument("--seq-len", type=seq_len_int, default=100, metavar="T", help="T: độ dài chuỗi")
    p.add_argument("--steps", type=positive_int, default=3000, metavar="SỐ_BƯỚC", help="số bước cập nhật tối đa")
    p.add_argument("--hidden-size", type=positive_int, default=32, metavar="H", help="H: số nút ẩn")
    p.add_argument("--batch-size", type=positive_int, default=32, metavar="B", help="số chuỗi mỗi batch")
    p.add_argument("--lr", type=positive_float, default=1e-2, metavar="TỐC_ĐỘ", help="tốc độ học")
    p.add_argument("--clip", type=positive_float, metavar="NGƯỠNG", help="cắt theo chuẩn (mặc định: không cắt)")
    p.add_argument("--forget-bias", type=real, default=1.0, metavar="SỐ", help="cộng vào độ chệch cổng quên (LSTM)")
    p.add_argument("--eval-every", type=positive_int, default=50, metavar="SỐ_BƯỚC", help="đánh giá mỗi chừng này bước")
    p.add_argument("--stop-below", type=nonnegative_float, default=0.01, metavar="MSE", help="dừng sớm dưới MSE này")
    common(p)

    p = sub.add_parser(
        "clipping",
        help="thiết lập nổ gradient: không cắt / cắt theo chuẩn / cắt theo giá trị",
        description="RNN tanh với W_hh = s·Q trên bài toán cộng, SGD. Chạy không cắt, chọn ngưỡng τ = trung vị "
        "các chuẩn gradient quan sát được trước khi phân kỳ, rồi chạy lại với cắt theo chuẩn (τ) "
        "và cắt theo giá trị (τ/√P). Phân kỳ: NaN/Inf hoặc mất mát vượt --loss-bound.",
    )
    p.add_argument("--steps", type=positive_int, default=300, metavar="SỐ_BƯỚC", help="số bước cập nhật")
    p.add_argument("--scale", type=positive_float, default=1.5, metavar="s", help="s: W_hh = s·Q")
    p.add_argument("--lr", type=positive_float, default=0.1, metavar="TỐC_ĐỘ", help="tốc độ học của SGD")
    p.add_argument("--seq-len", type=seq_len_int, default=50, metavar="T", help="T: độ dài chuỗi")
    p.add_argument("--hidden-size", type=positive_int, default=16, metavar="H", help="H: số nút ẩn")
    p.add_argument("--clip-norm", type=positive_float, metavar="τ", help="cắt theo chuẩn (mặc định: chọn từ số đo)")
    p.add_argument("--clip-value", type=positive_float, metavar="c", help="cắt theo giá trị (mặc định: τ/√P)")
    p.add_argument(
        "--loss-bound", type=positive_float, default=10.0, metavar="SỐ", help="mất mát trên mức này: phân kỳ"
    )
    common(p)

    p = sub.add_parser(
        "cliff",
        help="'vách đá' của Pascanu và cộng sự: bước gradient có cắt và không cắt",
        description="Mạng một nút x_t = w·σ(x_{t−1}) + b, 50 bước, E = (σ(x_50) − 0,7)². Xuất phát từ một điểm "
        "trên bức tường ở w cho trước, chạy SGD có và không có cắt theo chuẩn.",
    )
    p.add_argument("--w", type=real, default=5.0, metavar="w", help="w của điểm xuất phát (có bức tường khi w ≳ 4,8)")
    p.add_argument("--lr", type=positive_float, default=0.5, metavar="TỐC_ĐỘ", help="tốc độ học")
    p.add_argument("--clip", type=positive_float, default=1.0, metavar="NGƯỠNG", help="ngưỡng cắt theo chuẩn")
    p.add_argument("--steps", type=positive_int, default=30, metavar="SỐ_BƯỚC", help="số bước SGD")
    common(p, training=False)
    return parser


def _figure(out: Path | None, name: str, draw, **subplots) -> None:
    """Khi có ``--out``: tạo hình (matplotlib, không cần màn hình), ``draw(fig, axes)`` vẽ, lưu PNG vào ``out/name``."""
    if out is None:
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(**subplots)
    draw(fig, axes)
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / name, dpi=120, bbox_inches="tight")
    plt.close(fig)
    print(f"Đã lưu hình: {out / name}")


def cmd_flow(args) -> int:
    from .experiments.flow import flow_curve, growth_per_step, plot_flow

    if args.cell != "rnn" and args.nonlinearity != "identity":
        print("Lưu ý: --nonlinearity chỉ dùng cho --cell rnn; bỏ qua.", file=sys.stderr)
    r = flow_curve(
        args.cell, args.rho, args.seq_len, args.hidden_size, args.nonlinearity, args.batch_size, seed=args.seed
    )
    T, measured, theory = args.seq_len, r["measured"], r["theory"]
    linear = args.cell == "rnn" and args.nonlinearity == "identity"
    picks = sorted({1, 2, 5, 10, 20, 50, 100, 200, 500, T // 2, T} & set(range(1, T + 1)))
    headers = ["t", "T − t", "‖∂L/∂h_t‖ đo được"]
    rows = [[t, T - t, f"{float(measured[t - 1]):.4e}"] for t in picks]
    if args.cell == "rnn":  # với RNN: ρ^(T−t) đúng bằng (tuyến tính) hoặc là chặn trên (tanh, relu)
        headers.append("ρ^(T−t)" if linear else "ρ^(T−t) (chặn trên)")
        for row, t in zip(rows, picks):
            row.append(f"{float(theory[t - 1]):.4e}")
    name = args.cell.upper() + (f" ({args.nonlinearity})" if args.cell == "rnn" else "")
    say(f"{name}, H = {args.hidden_size}, T = {T}, W_hh = {args.rho}·Q")
    print(table(headers, rows))
    say(f"Hệ số nhân trung bình mỗi bước lùi: {growth_per_step(measured):.4f} (ρ = {args.rho})")
    if linear:
        rel = float(((measured - theory).abs() / theory.clamp_min(1e-300)).max())
        say(f"Sai lệch tương đối lớn nhất so với ρ^(T−t): {rel:.1e}")
    theory_label = "ρ^(T−t)" if args.cell == "rnn" else None
    draw = lambda fig, ax: plot_flow(ax, r, theory_label=theory_label, title=f"{name}, ρ = {args.rho}, T = {T}")  # noqa: E731
    _figure(args.out, f"flow-{args.cell}-rho{args.rho}-T{T}.png", draw, figsize=(7, 4))
    return 0


def cmd_adding(args) -> int:
    import torch

    from .experiments.adding import BASELINE_MSE, plot_test_mse, train_adding
    from .train import TrainingDiverged

    torch.set_num_threads(args.threads)
    runs, rows = [], []
    say(
        f"Bài toán cộng, T = {args.seq_len}, H = {args.hidden_size}, tối đa {args.steps} bước, batch {args.batch_size}, "
        f"tốc độ học {args.lr}, cắt gradient: {args.clip if args.clip else 'không'}"
    )
    kw = {"hidden_size": args.hidden_size, "steps": args.steps, "batch_size": args.batch_size, "lr": args.lr}
    kw.update(clip_norm=args.clip, forget_bias=args.forget_bias, eval_every=args.eval_every)
    for cell in args.cell:
        for seed in range(args.seeds):
            try:
                r = train_adding(cell, args.seq_len, seed, stop_below=args.stop_below or None, progress=True, **kw)
            except TrainingDiverged as err:
                print(f"{cell}, seed {seed}: {err}", file=sys.stderr)
                rows.append([cell, seed, "phân kỳ", "-", len(err.history.loss), "-", "không"])
                continue
            runs.append(r)
            solved = "có" if r.final_mse < 0.05 else "không"
            rows.append([cell, seed, f"{r.final_mse:.4f}", f"{r.best_mse:.4f}", r.steps, f"{r.seconds:.1f}", solved])
    print(table(["ô", "seed", "MSE cuối", "MSE tốt nhất", "số bước", "giây", "< 0,05"], rows))
    say(f"Mốc luôn đoán 1: MSE = {BASELINE_MSE:.4f}")
    if runs:
        draw = lambda fig, ax: plot_test_mse(ax, runs, f"Bài toán cộng, T = {args.seq_len}")  # noqa: E731
        _figure(args.out, f"adding-T{args.seq_len}.png", draw, figsize=(8, 4.5))
    return 0


def cmd_clipping(args) -> int:
    import torch

    from .experiments import exploding
    from .progress import progress_bar

    torch.set_num_threads(args.threads)
    kw = {"steps": args.steps, "scale": args.scale, "lr": args.lr, "seq_len": args.seq_len}
    kw.update(hidden_size=args.hidden_size, loss_bound=args.loss_bound)
    seeds = range(args.seeds)
    bar = progress_bar(3 * args.seeds, "lần chạy", lines=3)

    def runs(**clip):
        out = []
        for s in seeds:
            out.append(exploding.run(s, **clip, **kw))
            bar.update()
        return out

    plain = runs()
    tau = args.clip_norm
    if tau is None:
        observed = exploding.observed_norms(plain)
        tau = exploding.pick_threshold(observed)
        say(f"Ngưỡng cắt theo chuẩn τ = trung vị {len(observed)} chuẩn gradient quan sát được = {tau:.4g}")
    value = args.clip_value or exploding.value_threshold(tau, exploding.make_model(0, args.scale, args.hidden_size))
    groups = {
        "không cắt": plain,
        f"theo chuẩn (τ = {tau:.3g})": runs(clip_norm=tau),
        f"theo giá trị (c = {value:.3g})": runs(clip_value=value),
    }
    bar.close()
    rows = []
    for name, group in groups.items():
        for r in group:
            diverged = f"bước {r.diverged_at} ({r.reason})" if r.diverged else "không"
            tail = f"{sum(r.loss[-50:]) / len(r.loss[-50:]):.3g}" if r.loss else "-"
            largest = [f"{max(v):.3g}" if v else "-" for v in (r.loss, r.grad_norm)]
            rows.append([name, r.seed, diverged, largest[0], tail, largest[1]])
    say(f"RNN tanh, W_hh = {args.scale}·Q, T = {args.seq_len}, SGD tốc độ học {args.lr}, {args.steps} bước")
    headers = ["cắt gradient", "seed", "phân kỳ", "mất mát lớn nhất", "mất mát 50 bước cuối", "‖g‖ lớn nhất"]
    print(table(headers, rows))
    for name, group in groups.items():
        print(f"{name}: phân kỳ {sum(r.diverged for r in group)}/{len(group)}")
    draw = lambda fig, axes: exploding.plot_losses(axes, groups, args.loss_bound)  # noqa: E731
    _figure(args.out, "clipping.png", draw, ncols=3, figsize=(12, 3.8), sharey=True)
    return 0


def cmd_cliff(args) -> int:
    from .experiments import cliff

    try:
        start = cliff.wall_point(args.w, -1.0, -args.w)
    except ValueError as err:
        print(f"Lỗi: {err} Hãy thử --w lớn hơn (ví dụ 5).", file=sys.stderr)
        return 2
    rows, clipped = [], None
    for name, clip in (("không cắt", None), (f"cắt theo chuẩn (τ = {args.clip})", args.clip)):
        path = cliff.descend(start, args.lr, args.steps, clip)
        clipped = path
        end = path[-1]
        error, grad = float(cliff.error(*end)), float(cliff.gradient(*end).norm())
        rows.append(
            [name, f"{math.dist(path[0], path[1]):.3g}", f"({end[0]:.3g}; {end[1]:.3g})", f"{error:.4f}", f"{grad:.2e}"]
        )
    say(
        f"Điểm xuất phát trên tường: (w; b) = ({start[0]:.3f}; {start[1]:.5f}), E = {float(cliff.error(*start)):.4f}, "
        f"‖∇E‖ = {float(cliff.gradient(*start).norm()):.3g}"
    )
    print(table(["", "bước đầu dài", f"điểm sau {args.steps} bước", "E", "‖∇E‖"], rows))
    _figure(args.out, "cliff.png", lambda fig, ax: cliff.plot_surface(ax, start, clipped), figsize=(6, 5))
    return 0


COMMANDS = {"flow": cmd_flow, "adding": cmd_adding, "clipping": cmd_clipping, "cliff": cmd_cliff}


def main(argv=None) -> int:
    """Điểm vào của lệnh ``rnnlab``; trả về mã thoát (2 khi tham số sai, do argparse thoát)."""
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    code = COMMANDS[args.command](args)
    say((f"Xong sau {time.perf_counter() - start:.1f} giây."), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
