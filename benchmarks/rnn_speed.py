"""So tốc độ rnnlab với torch.nn trên CPU, trong cùng một tiến trình.

    python benchmarks/rnn_speed.py [--repeats 15]

Cấu hình cố định: torch.set_num_threads(2), T=100, B=64, I=32, H=128. In trung vị (ms) của mỗi cách
và tỉ lệ rnnlab / torch.nn trong ba thiết lập: chỉ lượt xuôi; xuôi + ngược; xuôi + ngược khi đầu vào
cũng cần gradient (như mọi tầng từ tầng thứ hai của một RNN sâu: lượt ngược phải tính thêm ∂L/∂x).
Mục tiêu: cả hai thiết lập xuôi+ngược ≤ 1,5×. So thêm với một vòng lặp Python dùng autograd (cách
"ngây thơ") để thấy lượt ngược viết tay đem lại gì.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time

import torch

import rnnlab

T, B, I, H = 100, 64, 32, 128


class NaiveLoop(torch.nn.Module):
    """Vòng lặp Python qua các ô rnnlab, để autograd tự ghi đồ thị (phép chiếu đầu vào không gộp)."""

    def __init__(self, cell):
        super().__init__()
        self.cell = cell

    def forward(self, x):
        state, outs = None, []
        for t in range(x.shape[0]):
            state = self.cell(x[t], state)
            outs.append(state[0] if isinstance(state, tuple) else state)
        return torch.stack(outs), state


def median_ms(fns: dict, repeats: int, clock=time.perf_counter) -> dict:
    """Trung vị (ms) của mỗi hàm; các hàm chạy xen kẽ nhau để nhiễu của máy ảnh hưởng đều lên tất cả."""
    for fn in fns.values():
        fn()  # chạy nóng
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = clock()
            fn()
            times[name].append((clock() - start) * 1000)
    return {name: statistics.median(ts) for name, ts in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="So tốc độ rnnlab với torch.nn trên CPU.")
    parser.add_argument("--repeats", type=int, default=15, help="số lần đo cho mỗi ô (lấy trung vị)")
    parser.add_argument("--naive", action="store_true", help="đo thêm vòng lặp autograd ngây thơ")
    parser.add_argument("--threads", type=int, default=2, help="số luồng của torch (mặc định 2, như trong README)")
    parser.add_argument("--cells", nargs="+", default=["LSTM", "GRU", "RNN"], choices=["LSTM", "GRU", "RNN"])
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="wall: thời gian thực (mặc định); cpu: thời gian CPU của tiến trình, ít bị các tiến trình khác "
        "trên một máy bận làm nhiễu (dùng với --threads 1)",
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.randn(T, B, I)
    x_grad = x.clone().requires_grad_(True)  # đầu vào cần gradient: lượt ngược tính thêm ∂L/∂x
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} luồng, T={T} B={B} I={I} H={H}, trung vị {args.repeats} lần, đồng hồ {args.clock}\n"
    )
    print(
        "| ô | torch.nn xuôi (ms) | rnnlab xuôi (ms) | tỉ lệ "
        "| torch.nn xuôi+ngược (ms) | rnnlab xuôi+ngược (ms) | tỉ lệ "
        "| torch.nn, x cần gradient (ms) | rnnlab, x cần gradient (ms) | tỉ lệ |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in args.cells:
        theirs = getattr(torch.nn, kind)(I, H)
        ours = getattr(rnnlab, kind)(I, H)
        ours.load_state_dict(theirs.state_dict())
        models = {"torch": theirs, "rnnlab": ours}
        if args.naive:
            cell = getattr(rnnlab, kind + "Cell")(I, H)
            models["naive"] = NaiveLoop(cell)
        settings = {"fwd": {}, "both": {}, "dx": {}}
        for name, model in models.items():

            def fwd(model=model):
                with torch.no_grad():
                    model(x)

            def fwd_bwd(model=model, inp=x):
                out, _ = model(inp)
                out.sum().backward()
                inp.grad = None

            settings["fwd"][name] = fwd
            settings["both"][name] = fwd_bwd
            settings["dx"][name] = functools.partial(fwd_bwd, model=model, inp=x_grad)
        clock = time.perf_counter if args.clock == "wall" else time.process_time
        ms = {key: median_ms(fns, args.repeats, clock) for key, fns in settings.items()}
        cells = " | ".join(
            f"{ms[key]['torch']:.1f} | {ms[key]['rnnlab']:.1f} | {ms[key]['rnnlab'] / ms[key]['torch']:.2f}×"
            for key in settings
        )
        print(f"| {kind} | {cells} |".replace(".", ","))
        if args.naive:
            cells = " | ".join(
                f" | {ms[key]['naive']:.1f} | {ms[key]['naive'] / ms[key]['torch']:.2f}×" for key in settings
            )
            print(f"|   ↳ vòng lặp autograd | {cells} |".replace(".", ","))


if __name__ == "__main__":
    main()
