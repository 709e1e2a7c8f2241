#pragma once

#include "core/codegen/snippet.h"

namespace ferry::codegen {

// Node.js 18 or later, with its built-in fetch(); no packages needed.
class NodeFetchGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

} // namespace ferry::codegen
