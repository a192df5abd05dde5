// Phần thêm vào lunr.vi.min.js của Material (hooks/search.py ghép lúc dựng): tìm kiếm không dấu và bằng thuật ngữ
// tiếng Anh. Chạy trong worker tìm kiếm, trước khi chỉ mục được dựng.
// - Chỉ mục: mỗi từ có dấu được lưu thêm một bản bỏ dấu ("cắt" → "cắt" và "cat"; "đạo" → "đạo" và "dao").
// - Câu hỏi: mỗi từ có dấu được hỏi cả bản bỏ dấu, nên từ đúng dấu khớp hai lần và xếp trước; câu hỏi chứa
//   một thuật ngữ tiếng Anh của bảng thuật ngữ được thêm các từ của thuật ngữ tiếng Việt tương ứng.
;(function (lunr) {
  const GLOSSARY = __GLOSSARY__ // {thuật ngữ tiếng Anh (chữ thường, không dấu): [từ tiếng Việt có dấu]}, từ glossary.tsv
  const MAX_TERMS = 64 // câu hỏi rất dài: chỉ giữ chừng ấy từ, để tìm kiếm không treo

  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")

  const folder = (token) => {
    const s = token.toString()
    const f = fold(s)
    return f === s ? token : [token, token.clone(() => f)]
  }
  lunr.Pipeline.registerFunction(folder, "fold-vi")
  // Material bỏ bộ cắt (trimmer) của lunr.vi khỏi đường ống (cấu hình pipeline: chỉ stopWordFilter).
  const { trimmer, stopWordFilter, wordCharacters } = lunr.vi
  lunr.Pipeline.registerFunction(stopWordFilter, "stopWordFilter-vi")
  lunr.vi = function () {
    this.pipeline.reset()
    this.pipeline.add(stopWordFilter, trimmer, folder)
  }
  Object.assign(lunr.vi, { trimmer, stopWordFilter, wordCharacters })

  function expand(query) {
    const terms = query.normalize("NFC").split(/\s+/).filter(Boolean).slice(0, MAX_TERMS)
    const out = []
    for (const term of terms) {
      out.push(term)
      const folded = fold(term)
      if (folded !== term) out.push(folded)
    }
    for (const english of englishTerms(terms.join(" "))) for (const word of GLOSSARY[english]) out.push(`${word}*`)
    return out.join(" ")
  }

  // Thuật ngữ tiếng Anh có trong câu hỏi; bỏ thuật ngữ nằm trong một thuật ngữ dài hơn cũng có mặt
  // ("gate" trong "forget gate").
  function englishTerms(query) {
    const plain = ` ${fold(query.toLowerCase()).replace(/[*+\-~^:"]/g, " ").replace(/\s+/g, " ")} `
    const found = Object.keys(GLOSSARY).filter((english) => plain.includes(` ${english} `))
    return found.filter((a) => !found.some((b) => b !== a && ` ${b} `.includes(` ${a} `)))
  }

  // Tiêu đề và nội dung (bỏ dấu) của từng mục, ghi lại khi Material thêm mục vào chỉ mục: để xếp trước những
  // mục có nguyên cụm từ của câu hỏi (lunr chỉ đếm từng từ riêng lẻ).
  const docs = new Map()
  const add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    docs.set(doc.location, {
      title: fold(String(doc.title || "").toLowerCase()),
      text: fold(String(doc.text || "").toLowerCase()),
      boost: (attributes && attributes.boost) || 1,
    })
    return add.call(this, doc, attributes)
  }

  function phrases(query) {
    const words = fold(query.toLowerCase()).replace(/[*+\-~^:"]/g, " ").split(/\s+/).filter(Boolean)
    const out = words.length > 1 ? [words.join(" ")] : []
    for (const english of englishTerms(query)) out.push(fold(GLOSSARY[english].join(" ")))
    return out
  }

  const search = lunr.Index.prototype.search
  lunr.Index.prototype.search = function (query) {
    query = String(query)
    const results = search.call(this, expand(query))
    const wanted = phrases(query)
    for (const result of results) {
      // Từ có dấu và bản bỏ dấu của nó khớp cùng một chỗ: giữ mỗi chỗ một lần, để tô sáng không lồng nhau.
      const seen = new Set()
      for (const fields of Object.values(result.matchData.metadata)) {
        for (const [field, data] of Object.entries(fields)) {
          if (!data.position) continue
          data.position = data.position.filter((p) => {
            const key = `${field}:${p}`
            return seen.has(key) ? false : seen.add(key)
          })
        }
      }
    }
    // Mục có nguyên cụm từ xếp trước mục chỉ có từng từ rời: trong tiêu đề trước, rồi trong nội dung. Cộng
    // bội số của điểm cao nhất: Material còn nhân điểm trang lên tới 9 lần khi xếp nhóm kết quả.
    const top = results.reduce((m, r) => Math.max(m, r.score), 0)
    for (const result of results) {
      const doc = docs.get(result.ref)
      if (doc && wanted.some((w) => doc.title.includes(w))) result.score += 100 * top * doc.boost
      else if (doc && wanted.some((w) => doc.text.includes(w))) result.score += 10 * top * doc.boost
    }
    return results.sort((a, b) => b.score - a.score)
  }
})(self.lunr)
