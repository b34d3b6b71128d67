// A plain-text table with left-aligned, space-padded columns: the
// benchmark's report, readable in a terminal and in CI logs alike.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_TEXT_TABLE_H_
#define SEI_LIB_CONTROLPLANE_BENCH_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace sei::controlplane::bench {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header);

  // Missing cells are blank; extra cells get columns without a heading.
  void AddRow(std::vector<std::string> cells);

  // Header, a dashed rule, then the rows; each line ends with '\n' and has
  // no trailing spaces.
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
};

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_TEXT_TABLE_H_
