"""Dòng lệnh ``rnnlab`` (hoặc ``python -m rnnlab``): chạy các thí nghiệm của phần "Vấn đề gradient"
ở kích thước lớn hơn bản dựng trang, in bảng kết quả và lưu hình (``--out THƯ_MỤC``).

    rnnlab flow --cell rnn --rho 0.9 --seq-len 100
    rnnlab adding --cell lstm --seq-len 200 --seeds 3 --clip 1.0
    rnnlab clipping --seeds 5 --steps 300
    rnnlab cliff --out hinh/

Mọi chữ argparse in ra (cách dùng, trợ giúp, lỗi) đều bằng tiếng Việt; tham số sai cho mã thoát 2.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import time
from pathlib import Path

# --- argparse tiếng Việt ---------------------------------------------------------------------------

_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tuỳ chọn",
    "optional arguments": "tuỳ chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu các tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "expected one argument": "cần đúng một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tuỳ chọn mơ hồ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unexpected option string: %s": "tuỳ chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
_VI_PLURAL = {"expected %s argument": "cần %s giá trị", "expected %s arguments": "cần %s giá trị"}


@contextlib.contextmanager
def _vietnamese():
    """Trong khối ``with``, argparse dịch các chuỗi của nó qua bảng ``_VI`` (argparse tra ``_`` và
    ``ngettext`` của mô-đun mỗi lần dùng, nên thay tạm hai hàm đó là đủ)."""
    old = argparse._, argparse.ngettext
    argparse._ = lambda text: _VI.get(text, old[0](text))
    argparse.ngettext = lambda one, many, n: _VI_PLURAL.get(one if n == 1 else many, old[1](one, many, n))
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Trợ giúp tiếng Việt, có ghi giá trị mặc định."""

    def _get_help_string(self, action):
        help = action.help or ""
        if (
            "%(default)" not in help
            and action.default not in (None, False, argparse.SUPPRESS)
            and action.option_strings
        ):
            help += " (mặc định: %(default)s)"
        return help


class ArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` nói tiếng Việt: cách dùng, tiêu đề nhóm, trợ giúp và lỗi."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        with _vietnamese():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with _vietnamese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with _vietnamese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self):
        with _vietnamese():
            return super().format_usage()

    def format_help(self):
        with _vietnamese():
            return super().format_help()

    def add_subparsers(self, **kwargs):
        with _vietnamese():
            return super().add_subparsers(**kwargs)

    def error(self, message):
        with _vietnamese():
            super().error(message)


def _number(kind, low=None, low_open=False, high=None):
    """Hàm kiểm tra kiểu cho argparse với thông báo tiếng Việt: số nguyên/thực trong một khoảng."""

    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"cần một {'số nguyên' if kind is int else 'số thực'}, nhưng nhận được {text!r}"
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"cần một số hữu hạn, nhưng nhận được {text!r}")
        if low is not None and (value <= low if low_open else value < low):
            raise argparse.ArgumentTypeError(f"cần một số {'>' if low_open else '≥'} {low}, nhưng nhận được {text}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"cần một số ≤ {high}, nhưng nhận được {text}")
        return value

    parse.__name__ = "số nguyên" if kind is int else "số thực"
    return parse


positive_int = _number(int, low=1)
nonnegative_int = _number(int, low=0)
positive_float = _number(float, low=0.0, low_open=True)
nonnegative_float = _number(float, low=0.0)
seq_len_int = _number(int, low=2)


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

    def common(p, seeds=True):
        if seeds:
            p.add_argument("--seeds", type=positive_int, default=3, metavar="SỐ", help="số seed (seed 0, 1, ...)")
        p.add_argument("--out", type=Path, metavar="THƯ_MỤC", help="lưu hình (PNG) vào thư mục này")

    p = sub.add_parser(
        "flow",
        help="đo ‖∂L/∂h_t‖ qua các bước thời gian với W_hh = ρ·Q",
        description="Đo dòng gradient ‖∂L/∂h_t‖ (t = 1..T) cho một tầng có W_hh = ρ·Q (Q trực giao; "
        "với LSTM, GRU: mỗi khối cổng một Q), L = uᵀh_T, ‖∂L/∂h_T‖ = 1. "
        "Với RNN tuyến tính, số đo bằng đúng ρ^(T−t).",
    )
    p.add_argument("--cell", choices=["rnn", "lstm", "gru"], default="rnn", help="loại ô")
    p.add_argument(
        "--nonlinearity",
        choices=["identity", "tanh", "relu"],
        default="identity",
        help="hàm kích hoạt của RNN (identity: RNN tuyến tính)",
    )
    p.add_argument("--rho", type=nonnegative_float, default=0.9, metavar="ρ", help="ρ: hệ số nhân của W_hh")
    p.add_argument("--seq-len", type=seq_len_int, default=100, metavar="T", help="T: số bước thời gian")
    p.add_argument("--hidden-size", type=positive_int, default=32, metavar="H", help="H: số nút ẩn")
    p.add_argument("--batch-size", type=positive_int, default=1, metavar="B", help="số chuỗi đầu vào ngẫu nhiên")
    p.add_argument("--seed", type=nonnegative_int, default=0, metavar="SỐ", help="seed")
    common(p, seeds=False)

    p = sub.add_parser(
        "adding",
        help="bài toán cộng (phụ thuộc dài hạn): huấn luyện và so sánh các loại ô",
        description="Huấn luyện RNN tanh / LSTM / GRU trên bài toán cộng (Adam), đánh giá MSE trên 500 "
        "chuỗi kiểm tra cố định. Mốc luôn đoán 1: MSE = 1/6 ≈ 0,1667.",
    )
    p.add_argument(
        "--cell", choices=["rnn", "lstm", "gru"], nargs="+", default=["rnn", "lstm", "gru"], help="một hay nhiều loại ô"
    )
    p.add_argument("--seq-len", type=seq_len_int, default=100, metavar="T", help="T: độ dài chuỗi")
    p.add_argument("--steps", type=positive_int, default=3000, metavar="SỐ_BƯỚC", help="số bước cập nhật tối đa")
    p.add_argument("--hidden-size", type=positive_int, default=32, metavar="H", help="H: số nút ẩn")
    p.add_argument("--batch-size", type=positive_int, default=32, metavar="B", help="số chuỗi mỗi batch")
    p.add_argument("--lr", type=positive_float, default=1e-2, metavar="TỐC_ĐỘ", help="tốc độ học")
    p.add_argument(
        "--clip",
        type=positive_float,
        default=None,
        metavar="NGƯỠNG",
        help="cắt theo chuẩn với ngưỡng này (mặc định: không cắt)",
    )
    p.add_argument(
        "--forget-bias",
        type=_number(float),
        default=1.0,
        metavar="SỐ",
        help="cộng vào độ chệch cổng quên của LSTM lúc khởi tạo",
    )
    p.add_argument(
        "--eval-every", type=positive_int, default=50, metavar="SỐ_BƯỚC", help="đánh giá sau mỗi chừng này bước"
    )
    p.add_argument(
        "--stop-below",
        type=nonnegative_float,
        default=0.01,
        metavar="MSE",
        help="dừng sớm khi MSE kiểm tra dưới mức này (0: không dừng sớm)",
    )
    p.add_argument("--threads", type=positive_int, default=1, metavar="SỐ", help="số luồng CPU của torch")
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
    p.add_argument(
        "--clip-norm",
        type=positive_float,
        default=None,
        metavar="τ",
        help="ngưỡng cắt theo chuẩn (mặc định: chọn từ số đo)",
    )
    p.add_argument(
        "--clip-value", type=positive_float, default=None, metavar="c", help="ngưỡng cắt theo giá trị (mặc định: τ/√P)"
    )
    p.add_argument(
        "--loss-bound", type=positive_float, default=10.0, metavar="SỐ", help="mất mát trên mức này là phân kỳ"
    )
    p.add_argument("--threads", type=positive_int, default=1, metavar="SỐ", help="số luồng CPU của torch")
    common(p)

    p = sub.add_parser(
        "cliff",
        help="'vách đá' của Pascanu và cộng sự: bước gradient có cắt và không cắt",
        description="Mạng một nút x_t = w·σ(x_{t−1}) + b, 50 bước, E = (σ(x_50) − 0,7)². Xuất phát từ một điểm "
        "trên bức tường ở w cho trước, chạy SGD có và không có cắt theo chuẩn.",
    )
    p.add_argument(
        "--w", type=_number(float), default=5.0, metavar="w", help="w của điểm xuất phát (có bức tường khi w ≳ 4,8)"
    )
    p.add_argument("--lr", type=positive_float, default=0.5, metavar="TỐC_ĐỘ", help="tốc độ học")
    p.add_argument("--clip", type=positive_float, default=1.0, metavar="NGƯỠNG", help="ngưỡng cắt theo chuẩn")
    p.add_argument("--steps", type=positive_int, default=30, metavar="SỐ_BƯỚC", help="số bước SGD")
    common(p, seeds=False)
    return parser


# --- các lệnh ----------------------------------------------------------------------------------------


def _table(headers, rows) -> str:
    """Bảng chữ thẳng cột."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(headers))]
    line = lambda r: "  ".join(c.rjust(w) if k else c.ljust(w) for k, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]])


def _save(fig, out: Path, name: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    fig.savefig(path, dpi=120, bbox_inches="tight")
    print(f"Đã lưu hình: {path}")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def cmd_flow(args) -> int:
    from .experiments.flow import flow_curve, growth_per_step

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
    print(f"{name}, H = {args.hidden_size}, T = {T}, W_hh = {args.rho}·Q")
    print(_table(headers, rows))
    print(f"Hệ số nhân trung bình mỗi bước lùi: {growth_per_step(measured):.4f} (ρ = {args.rho})")
    if linear:
        rel = float(((measured - theory).abs() / theory.clamp_min(1e-300)).max())
        print(f"Sai lệch tương đối lớn nhất so với ρ^(T−t): {rel:.1e}")
    if args.out:
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.semilogy(r["t"], measured, "o", ms=3, label="đo được")
        if args.cell == "rnn":
            ax.semilogy(r["t"], theory, "-", label="ρ^(T−t)")
        ax.set_xlabel("bước thời gian t")
        ax.set_ylabel("‖∂L/∂h_t‖")
        ax.set_title(f"{name}, ρ = {args.rho}, T = {T}")
        ax.legend()
        ax.grid(True, alpha=0.3)
        _save(fig, args.out, f"flow-{args.cell}-rho{args.rho}-T{T}.png")
    return 0


def cmd_adding(args) -> int:
    import torch

    from .experiments.adding import BASELINE_MSE, train_adding
    from .train import TrainingDiverged

    torch.set_num_threads(args.threads)
    runs, rows = {}, []
    print(
        f"Bài toán cộng, T = {args.seq_len}, H = {args.hidden_size}, tối đa {args.steps} bước, batch {args.batch_size}, "
        f"tốc độ học {args.lr}, cắt gradient: {args.clip if args.clip else 'không'}"
    )
    for cell in args.cell:
        for seed in range(args.seeds):
            try:
                r = train_adding(
                    cell,
                    args.seq_len,
                    seed,
                    hidden_size=args.hidden_size,
                    steps=args.steps,
                    batch_size=args.batch_size,
                    lr=args.lr,
                    clip_norm=args.clip,
                    forget_bias=args.forget_bias,
                    eval_every=args.eval_every,
                    stop_below=args.stop_below or None,
                    progress=True,
                )
            except TrainingDiverged as err:
                print(f"{cell}, seed {seed}: {err}", file=sys.stderr)
                rows.append([cell, seed, "phân kỳ", "-", len(err.history.loss), "-", "không"])
                continue
            runs[cell, seed] = r
            rows.append(
                [
                    cell,
                    seed,
                    f"{r.final_mse:.4f}",
                    f"{r.best_mse:.4f}",
                    r.steps,
                    f"{r.seconds:.1f}",
                    "có" if r.final_mse < 0.05 else "không",
                ]
            )
    print(_table(["ô", "seed", "MSE cuối", "MSE tốt nhất", "số bước", "giây", "< 0,05"], rows))
    print(f"Mốc luôn đoán 1: MSE = {BASELINE_MSE:.4f}")
    if args.out and runs:
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(8, 4.5))
        colors = {"rnn": "#b2182b", "lstm": "#2166ac", "gru": "#1b7837"}
        for (cell, seed), r in runs.items():
            ax.plot(r.eval_steps, r.test_mse, color=colors[cell], lw=1.2, label=cell if seed == 0 else None)
        ax.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="mốc 1/6")
        ax.set_yscale("log")
        ax.set_xlabel("bước cập nhật")
        ax.set_ylabel("MSE kiểm tra")
        ax.set_title(f"Bài toán cộng, T = {args.seq_len}")
        ax.legend()
        ax.grid(True, alpha=0.3)
        _save(fig, args.out, f"adding-T{args.seq_len}.png")
    return 0


def cmd_clipping(args) -> int:
    import torch

    from .experiments import exploding

    torch.set_num_threads(args.threads)
    kw = {
        "steps": args.steps,
        "scale": args.scale,
        "lr": args.lr,
        "seq_len": args.seq_len,
        "hidden_size": args.hidden_size,
        "loss_bound": args.loss_bound,
    }
    seeds = range(args.seeds)
    plain = [exploding.run(s, **kw) for s in seeds]
    tau = args.clip_norm
    if tau is None:
        observed = exploding.observed_norms(plain)
        tau = exploding.pick_threshold(observed)
        print(f"Ngưỡng cắt theo chuẩn τ = trung vị {len(observed)} chuẩn gradient quan sát được = {tau:.4g}")
    value = args.clip_value or exploding.value_threshold(tau, exploding.make_model(0, args.scale, args.hidden_size))
    groups = {
        "không cắt": plain,
        f"theo chuẩn (τ = {tau:.3g})": [exploding.run(s, clip_norm=tau, **kw) for s in seeds],
        f"theo giá trị (c = {value:.3g})": [exploding.run(s, clip_value=value, **kw) for s in seeds],
    }
    rows = []
    for name, group in groups.items():
        for r in group:
            tail = r.loss[-50:]
            rows.append(
                [
                    name,
                    r.seed,
                    f"bước {r.diverged_at} ({r.reason})" if r.diverged else "không",
                    f"{max(r.loss):.3g}" if r.loss else "-",
                    f"{sum(tail) / len(tail):.3g}" if tail else "-",
                    f"{max(r.grad_norm):.3g}" if r.grad_norm else "-",
                ]
            )
    print(f"RNN tanh, W_hh = {args.scale}·Q, T = {args.seq_len}, SGD tốc độ học {args.lr}, {args.steps} bước")
    print(_table(["cắt gradient", "seed", "phân kỳ", "mất mát lớn nhất", "mất mát 50 bước cuối", "‖g‖ lớn nhất"], rows))
    for name, group in groups.items():
        print(f"{name}: phân kỳ {sum(r.diverged for r in group)}/{len(group)}")
    if args.out:
        plt = _pyplot()
        fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), sharey=True)
        for ax, (name, group) in zip(axes, groups.items()):
            for r in group:
                ax.semilogy(range(1, len(r.loss) + 1), r.loss, lw=1)
            ax.axhline(args.loss_bound, color="black", ls=":")
            ax.set_title(name)
            ax.set_xlabel("bước cập nhật")
        axes[0].set_ylabel("mất mát")
        axes[0].set_ylim(1e-2, 1e8)
        _save(fig, args.out, "clipping.png")
    return 0


def cmd_cliff(args) -> int:
    from .experiments import cliff

    try:
        start = cliff.wall_point(args.w, -1.0, -args.w)
    except ValueError as err:
        print(f"Lỗi: {err} Hãy thử --w lớn hơn (ví dụ 5).", file=sys.stderr)
        return 2
    rows = []
    paths = {}
    for name, clip in (("không cắt", None), (f"cắt theo chuẩn (τ = {args.clip})", args.clip)):
        path = cliff.descend(start, args.lr, args.steps, clip)
        paths[name] = path
        first = math.dist(path[0], path[1])
        end = path[-1]
        rows.append(
            [
                name,
                f"{first:.3g}",
                f"({end[0]:.3g}, {end[1]:.3g})",
                f"{float(cliff.error(*end)):.4f}",
                f"{float(cliff.gradient(*end).norm()):.2e}",
            ]
        )
    print(
        f"Điểm xuất phát trên tường: (w, b) = ({start[0]:.3f}, {start[1]:.5f}), E = {float(cliff.error(*start)):.4f}, "
        f"‖∇E‖ = {float(cliff.gradient(*start).norm()):.3g}"
    )
    print(_table(["", "bước đầu dài", f"điểm sau {args.steps} bước", "E", "‖∇E‖"], rows))
    if args.out:
        import torch

        plt = _pyplot()
        w = torch.linspace(args.w - 2, args.w + 2, 201, dtype=torch.float64)
        b = torch.linspace(start[1] - 2, start[1] + 2, 201, dtype=torch.float64)
        W, B = torch.meshgrid(w, b, indexing="xy")
        fig, ax = plt.subplots(figsize=(6, 5))
        mesh = ax.pcolormesh(W, B, cliff.error(W, B), shading="auto")
        fig.colorbar(mesh, ax=ax, label="E(w, b)")
        clipped = list(paths.values())[1]
        ax.plot([p[0] for p in clipped], [p[1] for p in clipped], "w.-", label="có cắt")
        ax.plot(*start, "ro", label="xuất phát")
        ax.set_xlim(float(w[0]), float(w[-1]))
        ax.set_ylim(float(b[0]), float(b[-1]))
        ax.set_xlabel("w")
        ax.set_ylabel("b")
        ax.legend()
        _save(fig, args.out, "cliff.png")
    return 0


COMMANDS = {"flow": cmd_flow, "adding": cmd_adding, "clipping": cmd_clipping, "cliff": cmd_cliff}


def main(argv=None) -> int:
    """Điểm vào của lệnh ``rnnlab``; trả về mã thoát (2 khi tham số sai, do argparse thoát)."""
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    code = COMMANDS[args.command](args)
    print(f"Xong sau {time.perf_counter() - start:.1f} giây.", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
