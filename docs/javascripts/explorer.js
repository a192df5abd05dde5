// Trình khám phá dòng gradient (trang "Minh họa dòng gradient"): vẽ ‖∂L/∂h_t‖ theo t, thang log, bằng SVG.
// Không tính gì ở đây: mọi đường cong do rnnlab tính lúc dựng trang (hooks/explorer.py) và nằm trong
// biến toàn cục RNNLAB_FLOW của javascripts/explorer-data.js (log10 lượng tử, giá trị đầu rồi các hiệu).
// JavaScript thuần, không thư viện; màu lấy từ biến CSS của Material nên theo cả nền sáng lẫn nền tối.
;(function () {
  "use strict"
  const root = document.getElementById("trinh-kham-pha")
  if (!root) return
  const out = root.querySelector("#kp-out")
  const form = root.querySelector("form")
  const figure = root.querySelector("figure")
  form.hidden = false
  figure.hidden = false
  const fail = () => {
    out.textContent = "Không đọc được dữ liệu của trình khám phá; các hình tĩnh ở trên vẫn đúng."
  }

  // Dữ liệu (explorer-data.js, cạnh tệp này) chỉ được tải, và đường cong chỉ được vẽ, khi khung sắp hiện ra:
  // lúc mở trang, trình duyệt không tốn mạng và thời gian cho một hình ở gần cuối trang.
  const dataUrl = new URL("explorer-data.js", document.currentScript.src).href
  let requested = false
  function load() {
    if (requested) return
    requested = true
    const script = document.createElement("script")
    script.src = dataUrl
    script.onload = () => start(window.RNNLAB_FLOW)
    script.onerror = fail
    document.head.append(script)
  }
  if ("IntersectionObserver" in window) {
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        seen.disconnect()
        load()
      },
      { rootMargin: "800px 0px" },
    )
    seen.observe(root)
  } else load()

  function start(data) {
    if (!data || data.version !== 1) return fail()
    const SVG = "http://www.w3.org/2000/svg"
    const svg = root.querySelector("svg")
    const cellSelect = root.querySelector("#kp-cell")
    const sourceSelect = root.querySelector("#kp-source")
    const rhoRange = root.querySelector("#kp-rho")
    const rhoNumber = root.querySelector("#kp-rho-so")
    const lenRange = root.querySelector("#kp-len")
    const lenNumber = root.querySelector("#kp-len-so")

    // --- dữ liệu -------------------------------------------------------------------------------------
    const cache = new Map()
    // log10 ‖∂L/∂h_t‖ cho t = 1..T (null: chuẩn bằng 0, nhỏ hơn số float32 nhỏ nhất)
    function curve(cell, source, rhoIndex, T) {
      const key = [cell, source, rhoIndex, T].join("|")
      if (!cache.has(key)) {
        let logs
        if (source === "grid") {
          const d = data.grid[cell][rhoIndex][data.lengths.indexOf(T)]
          let total = 0
          logs = d.map((x, k) => (total = k === 0 ? x : total + x) * data.unit)
        } else {
          logs = data.adding[cell][String(T)][source].map((q) => (q === null ? null : q * data.unit))
        }
        cache.set(key, logs)
      }
      return cache.get(key)
    }
    function lengthsFor(cell, source) {
      if (source === "grid") return data.lengths
      return Object.keys(data.adding[cell] || {}).map(Number).sort((a, b) => a - b)
    }

    // --- trạng thái và điều khiển ---------------------------------------------------------------------
    const state = { cell: cellSelect.value, source: "grid", rhoIndex: 8, T: 50 }
    const nearest = (values, x) => values.reduce((best, v) => (Math.abs(v - x) < Math.abs(best - x) ? v : best))
    const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x))
    const rho = () => data.rhos[state.rhoIndex]

    function sync() {
      // bài toán cộng chỉ có RNN tanh, LSTM, GRU ở vài độ dài T
      const hasAdding = Boolean(data.adding[state.cell])
      for (const option of sourceSelect.options) option.disabled = option.value !== "grid" && !hasAdding
      if (!hasAdding) state.source = "grid"
      sourceSelect.value = state.source
      const lengths = lengthsFor(state.cell, state.source)
      state.T = nearest(lengths, state.T)
      lenRange.max = String(lengths.length - 1)
      lenRange.value = String(lengths.indexOf(state.T))
      lenRange.setAttribute("aria-valuetext", `T = ${state.T}`)
      lenNumber.min = String(lengths[0])
      lenNumber.max = String(lengths[lengths.length - 1])
      lenNumber.value = String(state.T)
      const grid = state.source === "grid"
      rhoRange.disabled = rhoNumber.disabled = !grid
      rhoRange.value = rhoNumber.value = rho().toFixed(2)
      rhoRange.setAttribute("aria-valuetext", `ρ = ${comma(rho().toFixed(2))}`)
      draw()
    }

    cellSelect.addEventListener("change", () => {
      state.cell = cellSelect.value
      sync()
    })
    sourceSelect.addEventListener("change", () => {
      state.source = sourceSelect.value
      sync()
    })
    rhoRange.addEventListener("input", () => {
      state.rhoIndex = rhoIndexOf(Number(rhoRange.value))
      sync()
    })
    lenRange.addEventListener("input", () => {
      state.T = lengthsFor(state.cell, state.source)[Number(lenRange.value)]
      sync()
    })
    // số gõ vào: ngoài khoảng thì kẹp về biên, giữa hai giá trị của lưới thì lấy giá trị gần nhất
    rhoNumber.addEventListener("change", () => {
      const x = parseNumber(rhoNumber.value)
      if (x !== null) state.rhoIndex = rhoIndexOf(x)
      sync()
    })
    lenNumber.addEventListener("change", () => {
      const x = parseNumber(lenNumber.value)
      if (x !== null) state.T = x
      sync()
    })
    // Enter trong ô số: áp dụng ngay (biểu mẫu có hai ô số nên trình duyệt không tự gửi biểu mẫu)
    for (const input of [rhoNumber, lenNumber]) {
      input.addEventListener("keydown", (event) => {
        if (event.key !== "Enter") return
        event.preventDefault()
        input.dispatchEvent(new Event("change"))
      })
    }
    form.addEventListener("submit", (event) => event.preventDefault())
    function parseNumber(text) {
      const x = Number(String(text).trim().replace(",", "."))
      return text !== "" && Number.isFinite(x) ? x : null
    }
    function rhoIndexOf(x) {
      const r = data.rhos
      const step = (r[r.length - 1] - r[0]) / (r.length - 1)
      return clamp(Math.round((x - r[0]) / step), 0, r.length - 1)
    }

    // --- số viết kiểu Việt: dấu phẩy thập phân, 2,7·10⁻⁵ -----------------------------------------------
    const SUP = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻" }
    const sup = (n) => String(n).replace(/[-0-9]/g, (c) => SUP[c])
    const comma = (s) => s.replace(".", ",")
    // log10 v → chữ, 2 chữ số có nghĩa
    function number(log) {
      if (log >= -2 && log < 3) return comma(String(Number(Math.pow(10, log).toPrecision(2))))
      let e = Math.floor(log)
      let m = Number(Math.pow(10, log - e).toFixed(1))
      if (m >= 10) {
        m = 1
        e += 1
      }
      return `${comma(m.toFixed(1))}·10${sup(e)}`
    }
    const power = (e) => (e === 0 ? "1" : `10${sup(e)}`)

    // --- vẽ ------------------------------------------------------------------------------------------
    function el(name, attrs, text) {
      const node = document.createElementNS(SVG, name)
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v))
      if (text !== undefined) node.textContent = text
      return node
    }
    function niceStep(span, most) {
      for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]) if (span / s <= most) return s
      return Math.ceil(span / most)
    }
    function path(points) {
      // points: [x, y | null]; null ngắt nét
      let d = ""
      let pen = false
      for (const [x, y] of points) {
        if (y === null) {
          pen = false
          continue
        }
        d += `${pen ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`
        pen = true
      }
      return d
    }

    function draw() {
      const { cell, source, T } = state
      const logs = curve(cell, source, state.rhoIndex, T)
      const grid = source === "grid"
      const reference = grid ? logs.map((_, k) => (T - (k + 1)) * Math.log10(rho())) : null
      const finite = logs.filter((v) => v !== null).concat(reference || [])
      let lo = Math.floor(Math.min(...finite))
      let hi = Math.ceil(Math.max(...finite))
      if (hi - lo < 1) {
        lo -= 1
        hi += 1
      }
      // kích thước theo chỗ thật trên trang: chữ giữ cỡ đọc được cả trên điện thoại
      const width = clamp(Math.round(svg.getBoundingClientRect().width) || 640, 280, 900)
      const height = clamp(Math.round(width * 0.56), 240, 420)
      // màn hình hẹp: chú giải xuống dòng thứ hai, không đè lên nhãn trục tung
      const narrow = width < 600
      const m = { left: width < 420 ? 50 : 62, right: 18, top: narrow ? 46 : 26, bottom: 42 }
      const x = (t) => m.left + ((t - 1) / Math.max(1, T - 1)) * (width - m.left - m.right)
      const y = (v) => m.top + ((hi - v) / (hi - lo)) * (height - m.top - m.bottom)
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`)
      svg.setAttribute("width", width)
      svg.setAttribute("height", height)
      svg.replaceChildren()

      const ystep = niceStep(hi - lo, width < 420 ? 5 : 7)
      for (let e = Math.ceil(lo / ystep) * ystep; e <= hi; e += ystep) {
        svg.append(el("line", { class: "kp-grid", x1: m.left, x2: width - m.right, y1: y(e), y2: y(e) }))
        svg.append(el("text", { class: "kp-tick", x: m.left - 6, y: y(e) + 4, "text-anchor": "end" }, power(e)))
      }
      const xstep = niceStep(T, width < 420 ? 5 : 8)
      const xticks = [1]
      for (let t = xstep; t <= T; t += xstep) if (t > 1) xticks.push(t)
      for (const t of xticks) {
        svg.append(el("line", { class: "kp-axis", x1: x(t), x2: x(t), y1: height - m.bottom, y2: height - m.bottom + 5 }))
        svg.append(el("text", { class: "kp-tick", x: x(t), y: height - m.bottom + 18, "text-anchor": "middle" }, t))
      }
      svg.append(el("line", { class: "kp-axis", x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom }))
      svg.append(el("line", { class: "kp-axis", x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom }))
      svg.append(el("text", { class: "kp-label", x: (m.left + width - m.right) / 2, y: height - 6, "text-anchor": "middle" }, "bước thời gian t"))
      svg.append(el("text", { class: "kp-label", x: m.left, y: 16, "text-anchor": "start" }, "‖∂L/∂hₜ‖ (bằng 1 ở t = T)"))

      const points = logs.map((v, k) => [x(k + 1), v === null ? null : y(v)])
      svg.append(el("path", { class: "kp-measured", d: path(points), "data-points": logs.length }))
      if (reference) {
        // nét đứt vẽ sau, nằm trên: vẫn thấy khi trùng số đo (RNN tuyến tính)
        svg.append(el("path", { class: "kp-reference", d: path(reference.map((v, k) => [x(k + 1), y(v)])) }))
      }
      if (logs[0] !== null) svg.append(el("circle", { class: "kp-dot", cx: x(1), cy: y(logs[0]), r: 4 }))
      // chú giải
      const lx = width - m.right - (grid ? 190 : 90)
      const ly = narrow ? 32 : 12
      svg.append(el("line", { class: "kp-measured", x1: lx, x2: lx + 22, y1: ly, y2: ly }))
      svg.append(el("text", { class: "kp-tick", x: lx + 26, y: ly + 4 }, "đo được"))
      if (grid) {
        svg.append(el("line", { class: "kp-reference", x1: lx + 88, x2: lx + 110, y1: ly, y2: ly }))
        svg.append(el("text", { class: "kp-tick", x: lx + 114, y: ly + 4 }, "ρ^(T−t)"))
      }
      announce(logs, reference)
    }

    function announce(logs, reference) {
      const { cell, source, T } = state
      const label = data.cells[cell]
      const setting = source === "grid"
        ? `${label}, ρ = ${comma(rho().toFixed(2))}, T = ${T}`
        : `${label}, bài toán cộng ${source === "init" ? "lúc khởi tạo" : `sau huấn luyện (${data.adding[cell][String(T)].steps} bước cập nhật)`}, T = ${T}`
      const first = logs[0]
      let text
      if (first === null) text = "ở bước 1 gradient bằng 0 (nhỏ hơn số float32 nhỏ nhất)"
      else if (first <= 0) text = `ở bước 1 gradient còn ${number(first)} lần bước cuối`
      else text = `ở bước 1 gradient lớn gấp ${number(first)} lần bước cuối`
      if (reference) text += `; đường ρ^(T−t) cho ${number(reference[0])}`
      out.textContent = `${setting}: ${text}.`
      out.dataset.log10 = first === null ? "" : String(first)
    }

    let frame = 0
    if (window.ResizeObserver) {
      let lastWidth = 0
      new ResizeObserver(() => {
        const w = Math.round(figure.getBoundingClientRect().width)
        if (w === lastWidth) return
        lastWidth = w
        cancelAnimationFrame(frame)
        frame = requestAnimationFrame(draw)
      }).observe(figure)
    }
    sync()
  }
})()
