//! Tests of the syntax layer on the shipped model.

use super::*;
