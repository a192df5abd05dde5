// Viết thẳng vào cuối <body> mỗi trang (hooks/after_paint.py), thay cho các thẻ <script src> ở đó: mã của
// Material (tìm kiếm, mục lục theo cuộn, nút sao chép, chú giải thuật ngữ...) và mã riêng của trang chỉ được
// tải và chạy sau lần vẽ đầu tiên. Người đọc thấy chữ trước; lúc khởi động, mã không còn buộc trình duyệt
// dàn trang cả trang trước khi nó kịp vẽ gì.
// Material khởi động khi nghe sự kiện DOMContentLoaded; sự kiện đó đã qua khi mã của nó tới, nên ta phát lại.
;((sources) => {
  let started = false
  const start = () => {
    if (started) return
    started = true
    let left = sources.length
    const done = () => {
      if (--left === 0 && document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"))
    }
    for (const src of sources) {
      const script = document.createElement("script")
      script.src = src
      script.async = false // tải song song, chạy đúng thứ tự như các thẻ được thay
      script.onload = script.onerror = done
      document.body.append(script)
    }
  }
  // setTimeout: chạy sau khi lượt vẽ đã xong hẳn, không chen vào nó.
  const later = () => setTimeout(start)
  if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes("paint")) {
    new PerformanceObserver((list, observer) => {
      observer.disconnect()
      later()
    }).observe({ type: "paint", buffered: true })
  } else {
    requestAnimationFrame(later) // trình duyệt không báo lần vẽ: khung hình đầu tiên
  }
})(SOURCES)
