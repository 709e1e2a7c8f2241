#pragma once

#include "core/codegen/snippet.h"

namespace ferry::codegen {

// A fetch() call for a web page or the browser's console.
class JsFetchGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

} // namespace ferry::codegen
