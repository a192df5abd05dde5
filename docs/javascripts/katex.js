// Vẽ công thức bằng KaTeX (tệp do chính trang phục vụ, không CDN).
// pymdownx.arithmatex (generic: true) bọc công thức trong .arithmatex với \( \) và \[ \];
// ô Markdown của sổ tay (mkdocs-jupyter) giữ nguyên $...$ và $$...$$.
document$.subscribe(({ body }) => {
  const options = (delimiters) => ({ delimiters, throwOnError: false })
  for (const el of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(el, options([
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ]))
  }
  for (const el of body.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown")) {
    renderMathInElement(el, options([
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
    ]))
  }
})
