// The raw Dockerfile syntax tree, shaped like BuildKit's parser.Node so that its dump is
// byte-for-byte BuildKit's: the root has one child per instruction; an instruction's arguments
// are its `next` list (BuildKit's linked Next chain, kept here as a vector); ONBUILD wraps its
// instruction as the children of its single `next` node. The typed model (instruction.h,
// stage.h) is built on top of this and never changes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace slimage::dockerfile {

struct SourcePosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// A here-document attached to RUN/COPY/ADD (`<<EOF`, `<<-EOF`, `<<'EOF'`, `3<<EOF`).
struct Heredoc {
  std::string name;             // the delimiter, quotes removed
  uint64_t file_descriptor = 0;  // the digits before `<<`, 0 when none
  bool expand = true;           // false when any part of the delimiter was quoted
  bool chomp = false;           // `<<-`: leading tabs are stripped from the body at build time
  std::string content;          // the body as written (line endings included, tabs not chomped)
  int start_line = 0;           // first body line (== end_line when the body is empty)
  int end_line = 0;             // the line holding the terminator
};

// Where a piece of an instruction's joined text came from: the bytes from `offset` up to the
// next segment's offset were read from `line`, starting at `column`.
struct LineSegment {
  size_t offset = 0;
  int line = 0;
  int column = 0;
  size_t file_offset = 0;  // byte offset in the file of the segment's first byte
};

struct Node {
  std::string value;
  std::vector<Node> next;      // BuildKit's Next chain, flattened
  std::vector<Node> children;  // the root's instructions; ONBUILD's wrapped instruction
  std::vector<Heredoc> heredocs;
  std::vector<std::string> flags;  // `--from=x` etc., as BuildKit extracts them
  std::string original;            // the instruction's joined text (continuations removed)
  bool json = false;               // arguments were a JSON array (exec form)
  int start_line = 0;
  int end_line = 0;
  std::vector<std::string> prev_comment;  // the comment lines right above the instruction

  // Instruction nodes only. The argument text (after the name and the flags, trimmed) is
  // original.substr(args_offset, args_length) for a top-level instruction; for an instruction
  // wrapped by ONBUILD both count in the ONBUILD line's `original`.
  size_t args_offset = 0;
  size_t args_length = 0;
  size_t name_offset = 0;              // where the instruction name starts in `original`
  std::vector<LineSegment> segments;   // top-level instructions: how `original` maps to the file

  // Byte range in the file of the instruction's physical lines, from the start of its first line
  // (indentation included) to the end of its last one (heredoc bodies and the line ending
  // included). Top-level instructions; `slimage fix` edits over these (src/fix/).
  size_t file_begin = 0;
  size_t file_end = 0;

  // Position in the file of byte `offset` of `original` (top-level instructions).
  SourcePosition PositionOf(size_t offset) const;
  // Byte offset in the file of byte `offset` of `original` (top-level instructions); `offset`
  // may be original.size() (one past the last byte).
  size_t FileOffsetOf(size_t offset) const;
};

}  // namespace slimage::dockerfile
