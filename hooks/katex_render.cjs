// Vẽ công thức bằng KaTeX lúc dựng trang (hooks/math.py gọi tệp này một lần cho cả bản dựng).
// Vào (stdin): JSON [[tex, display], ...]. Ra (stdout): JSON [{html} hoặc {error}, ...] cùng thứ tự.
const katex = require("katex")

let input = ""
process.stdin.setEncoding("utf8")
process.stdin.on("data", (chunk) => { input += chunk })
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" }) }
    } catch (e) {
      return { error: String(e.message || e) }
    }
  })
  process.stdout.write(JSON.stringify(out))
})
