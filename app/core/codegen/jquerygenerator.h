#pragma once

#include "core/codegen/snippet.h"

namespace ferry::codegen {

// A jQuery $.ajax() call for a web page that loads jQuery.
class JQueryGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

} // namespace ferry::codegen
