#include <doctest/doctest.h>

#include "core/decimal.h"

using namespace attune;

TEST_CASE("canonical_decimal accepts plain decimals only and spells them one way") {
  CHECK(canonical_decimal("2") == "2");
  CHECK(canonical_decimal("0") == "0");
  CHECK(canonical_decimal("-0") == "0");
  CHECK(canonical_decimal("-0.000") == "0");
  CHECK(canonical_decimal("10") == "10");
  CHECK(canonical_decimal("2.50") == "2.5");
  CHECK(canonical_decimal("3.000") == "3");
  CHECK(canonical_decimal("-1.25") == "-1.25");
  CHECK(canonical_decimal("0.05") == "0.05");
  for (const char* bad : {"", "-", "+2", "02", "00", "-01", " 2", "2 ", "2.", ".5", "-.5", "1e0", "1E3", "0x2",
                          "0x1p1", "inf", "nan", "1,5", "1.2.3", "--2", "２"})
    CHECK_MESSAGE(!canonical_decimal(bad), bad);
  CHECK(canonical_decimal(std::string(kMaxDecimalChars, '1')));
  CHECK(!canonical_decimal(std::string(kMaxDecimalChars + 1, '1')));
}

TEST_CASE("compare_decimal compares exactly with a double bound") {
  CHECK(compare_decimal("1", 1.0) == 0);
  CHECK(compare_decimal("0.99999999999999999", 1.0) < 0);
  CHECK(compare_decimal("1.00000000000000001", 1.0) > 0);
  CHECK(compare_decimal("0.1", 0.1) == 0);  // the bound as the scheme wrote it, not 0.1000000000000000055…
  CHECK(compare_decimal("-2", -1.5) < 0);
  CHECK(compare_decimal("-1", -1.5) > 0);
  CHECK(compare_decimal("0", -0.0) == 0);
  CHECK(compare_decimal("10", 9.5) > 0);
  CHECK(compare_decimal("9.49", 9.5) < 0);
  CHECK(compare_decimal("100000000000000000000", 1e20) == 0);
  CHECK(compare_decimal("-100", 0.0) < 0);
}
