// SL601-SL603: instructions that could be combined (rules.md "SL6").
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

const Rule& ConsecutiveRunsRule();   // SL601
const Rule& LaterChownRule();        // SL602
const Rule& ConsecutiveCopiesRule(); // SL603

}  // namespace slimage::rules
