// The pwm model's settings: spacer ranges, motif files and TOML.
#include <sstream>

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include "gsattn/error.hpp"
#include "gsattn/model_config.hpp"
#include "gsattn/toml_value.hpp"
#include "test_util.hpp"

using namespace gsattn;

TEST_CASE("pwm_config: parse_spacer takes MIN-MAX or N") {
    CHECK(parse_spacer("15-19") == std::pair{15, 19});
    CHECK(parse_spacer("17") == std::pair{17, 17});
    for (const char* bad : {"", "-", "19-15", "a-b", "15-", "1.5-3", "-3", "15-19x", "5000"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_spacer(bad), Error);
    }
}

TEST_CASE("pwm_config: a pwm model's matrices and spacer survive TOML, and only its kind writes them") {
    ModelConfig c;
    c.kind = ModelKind::pwm;
    c.pwm.motifs = weight_matrices(std::string(GSATTN_SHARE_DIR) + "/motifs/sigma70_minus10.jaspar");
    c.pwm.spacer_min = 2;
    c.pwm.spacer_max = 30;
    REQUIRE(c.pwm.motifs.size() == 1);
    CHECK(c.pwm.motifs[0].name == "sigma70_minus10");
    CHECK(c.pwm.motifs[0].log_odds.size() == 6);
    CHECK(c.pwm.motifs[0].log_odds[1][0] > 1);  // the A of TATAAT
    std::ostringstream text;
    text << to_toml(c);
    const ModelConfig back = model_config_from_toml(toml::parse(text.str()));
    CHECK(back.kind == ModelKind::pwm);
    CHECK(back.pwm.spacer_min == 2);
    CHECK(back.pwm.spacer_max == 30);
    REQUIRE(back.pwm.motifs.size() == 1);
    CHECK(back.pwm.motifs[0].name == "sigma70_minus10");
    for (std::size_t i = 0; i < 6; ++i)
        for (int b = 0; b < 4; ++b) CHECK(back.pwm.motifs[0].log_odds[i][b] == doctest::Approx(c.pwm.motifs[0].log_odds[i][b]));
    c.kind = ModelKind::sparse;
    CHECK_FALSE(to_toml(c).contains("pwm"));
}

TEST_CASE("pwm_config: a bad matrix or spacer in TOML is an error naming it") {
    const auto read = [](const std::string& text) { return model_config_from_toml(toml::parse(text)); };
    CHECK_THROWS_WITH_AS(read("kind = 'pwm'\n[pwm]\nspacer_min = 9\nspacer_max = 3\n"),
                         doctest::Contains("above spacer_max"), Error);
    CHECK_THROWS_WITH_AS(read("kind = 'pwm'\n[pwm]\nmotifs = [{name = 'x', log_odds = [[1, 2, 3]]}]\n"),
                         doctest::Contains("4 numbers"), TomlValueError);
    CHECK_THROWS_WITH_AS(read("kind = 'pwm'\n[pwm]\nmotifs = [{name = 'x', log_odds = []}]\n"),
                         doctest::Contains("no columns"), Error);
    CHECK_THROWS_WITH_AS(read("kind = 'pwm'\n[pwm]\nspacer_min = -1\n"), doctest::Contains("spacer_min"),
                         TomlValueError);
    CHECK_THROWS_WITH_AS(read("kind = 'pwm'\npwm = 3\n"), doctest::Contains("'pwm' must be a table"), TomlValueError);
}

TEST_CASE("pwm_config: the shipped sigma70 pair is -35 then -10, and features count motifs and pairs") {
    PwmConfig s;
    s.motifs = weight_matrices(std::string(GSATTN_SHARE_DIR) + "/motifs/sigma70_minus35.jaspar");
    CHECK(pwm_feature_count(s) == 1);
    s.motifs.push_back(s.motifs[0]);
    s.motifs.push_back(s.motifs[0]);
    CHECK(pwm_feature_count(s) == 5);
}
