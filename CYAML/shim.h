#ifndef ERUTOP_CYAML_SHIM_H
#define ERUTOP_CYAML_SHIM_H
#include <yaml.h>
#endif
