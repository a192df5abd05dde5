// Nút nền sáng / nền tối, thay cho thành phần palette của Material (hooks/palette.py viết đoạn này thẳng vào
// trang, ngay sau ô chọn trong đầu trang). Material gắn thành phần đó lúc tải xong trang: nó đặt lại các
// thuộc tính màu trên <body> và bật rồi tắt data-md-color-switching, mỗi lần buộc trình duyệt dựng lại kiểu
// của cả trang (trang dài: vài trăm ms trên điện thoại). Ở đây việc đó làm khi trình duyệt mới đọc tới đầu
// trang, lúc <body> còn gần như trống, và chỉ khi màu thật sự đổi. Cùng cách lưu lựa chọn như Material
// (localStorage "__palette"), nên đoạn script đầu trang của Material vẫn áp lựa chọn đã lưu.
;(() => {
  const form = document.querySelector("form[data-rnnlab-palette]")
  const inputs = [...form.querySelectorAll("input[name=__palette]")]
  const colorScheme = document.createElement("meta")
  colorScheme.name = "color-scheme"
  const themeColor = document.createElement("meta")
  themeColor.name = "theme-color"
  document.head.append(colorScheme, themeColor)

  const colors = (input) => ({
    media: input.dataset.mdColorMedia,
    scheme: input.dataset.mdColorScheme,
    primary: input.dataset.mdColorPrimary,
    accent: input.dataset.mdColorAccent,
  })
  const apply = (index) => {
    for (const [key, value] of Object.entries(colors(inputs[index])))
      if (document.body.getAttribute(`data-md-color-${key}`) !== value) document.body.setAttribute(`data-md-color-${key}`, value)
    inputs.forEach((input, i) => {
      input.checked = i === index
      if (input.nextElementSibling instanceof HTMLLabelElement) input.nextElementSibling.hidden = i !== index
    })
    const header = getComputedStyle(document.querySelector("[data-md-component=header]"))
    colorScheme.content = header.colorScheme
    themeColor.content = "#" + header.backgroundColor.match(/\d+/g).slice(0, 3).map((v) => (+v).toString(16).padStart(2, "0")).join("")
  }
  const bySystem = () => Math.max(0, inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches))
  const saved = () => {
    const palette = __md_get("__palette")
    return palette && inputs[palette.index] ? palette.index : null
  }

  apply(saved() ?? bySystem())
  inputs.forEach((input, index) =>
    input.addEventListener("change", () => {
      apply(index)
      __md_set("__palette", { index, color: colors(input) })
    }),
  )
  // Phím Enter trên nút: sang bảng màu kế tiếp (như Material).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return
    event.preventDefault()
    const next = inputs[((saved() ?? bySystem()) + 1) % inputs.length]
    next.click()
    next.focus()
  })
  // Chưa chọn gì: theo hệ thống khi hệ thống đổi nền.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (saved() === null) apply(bySystem())
  })
})()
