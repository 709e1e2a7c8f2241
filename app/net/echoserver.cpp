#include "net/echoserver.h"
