#include "lib/controlplane/bench/text_table.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace sei::controlplane::bench {
namespace {

constexpr size_t kColumnGap = 2;

}  // namespace

TextTable::TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }

void TextTable::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

std::string TextTable::Render() const {
  std::vector<size_t> widths;
  for (const auto& row : rows_) {
    if (row.size() > widths.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  auto render_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + kColumnGap, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = render_row(rows_.front());
  size_t total = 0;
  for (size_t width : widths) total += width + kColumnGap;
  out += std::string(total > kColumnGap ? total - kColumnGap : 0, '-') + "\n";
  for (size_t i = 1; i < rows_.size(); ++i) out += render_row(rows_[i]);
  return out;
}

}  // namespace sei::controlplane::bench
