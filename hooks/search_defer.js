// Chèn vào <head> mỗi trang (hooks/search.py): chỉ mục tìm kiếm (search/search_index.json, ~110 KB nén) chỉ
// tải khi người đọc mở ô tìm kiếm, không phải ở mỗi lần tải trang. Material tải chỉ mục bằng XMLHttpRequest
// ngay khi trang mở; yêu cầu đó được giữ lại tới khi ô tìm kiếm nhận tiêu điểm (bấm kính lúp, phím / hay s)
// hoặc trang mở từ một kết quả tìm kiếm (?h=... để tô sáng). Mở từ file:// Material dùng thẻ <script>,
// không qua đây.
;(() => {
  const open = XMLHttpRequest.prototype.open
  const send = XMLHttpRequest.prototype.send
  const held = []
  let wanted = new URLSearchParams(location.search).has("h")
  const release = () => {
    wanted = true
    for (const go of held.splice(0)) go()
  }
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.rnnlabIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname)
    return open.call(this, method, url, ...rest)
  }
  XMLHttpRequest.prototype.send = function (body) {
    if (this.rnnlabIndex && !wanted) {
      held.push(() => send.call(this, body))
      return
    }
    return send.call(this, body)
  }
  addEventListener("focusin", (event) => {
    if (!wanted && event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) release()
  })
})()
