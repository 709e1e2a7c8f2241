#include "core/json/jsonformatter.h"
