"""Xem nhanh bộ dữ liệu cảm xúc: số câu theo nhãn, theo hiện tượng, và vài ví dụ."""

from collections import Counter

from rnnlab.datasets import sentiment

examples = sentiment.load()
by_label = Counter((sentiment.LABELS[ex.label], ex.split) for ex in examples)
for label in sentiment.LABELS:
    print(f"{label:10s}: {by_label[label, 'train']} câu huấn luyện, {by_label[label, 'test']} câu kiểm tra")

tag_counts = Counter(tag for ex in examples for tag in ex.tags)
print("Hiện tượng:", ", ".join(f"{tag} {tag_counts[tag]}" for tag in sentiment.TAGS))

# một ví dụ cho mỗi hiện tượng và mỗi nhãn (câu đầu tiên trong tệp; câu có dấu cho hai hiện tượng đầu)
for tag in ("phu_dinh", "tuong_phan", "khong_dau"):
    for label in range(3):
        ex = next(
            ex
            for ex in examples
            if tag in ex.tags and ex.label == label and (tag == "khong_dau") == ("khong_dau" in ex.tags)
        )
        print(f"[{tag}, {sentiment.LABELS[ex.label]}] {ex.text}")

# mô hình đọc câu như một dãy âm tiết: chữ thường, bỏ dấu câu
print(sentiment.tokenize("Giá hơi đắt, NHƯNG phở ngon!"))

n_examples = len(examples)
label_counts = [sum(ex.label == k for ex in examples) for k in range(3)]
