#pragma once

#include "core/request.h"

namespace ferry {

// The request a first launch opens: a GET to Ferry's own echo server, with a header and a
// bearer token, so pressing Send shows a complete round trip without any network.
Request sampleRequest();

} // namespace ferry
