#include "core/variables.h"
