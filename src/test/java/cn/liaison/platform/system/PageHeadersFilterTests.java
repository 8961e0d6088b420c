package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The one place for the pages' headers: which page gets which. */
class PageHeadersFilterTests {

  private MockHttpServletResponse get(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    new PageHeadersFilter().doFilter(request, response, new MockFilterChain());
    return response;
  }

  @Test
  void citizenPagesAreNeverKeptAndRunOnlyThePlatformsOwnCode() throws Exception {
    for (String path : new String[] {"/s/yy-luzhai-rice", "/t", "/t/YJ20260101-0001/evaluation"}) {
      MockHttpServletResponse response = get(path);
      assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
      assertThat(response.getHeader("Pragma")).isEqualTo("no-cache");
      assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(PageHeadersFilter.PUBLIC_POLICY);
    }
  }

  @Test
  void stationPagesMayBeCachedAndTheirImagesRunNothing() throws Exception {
    MockHttpServletResponse signboard = get("/stations/yy-luzhai-rice/signboard");
    assertThat(signboard.getHeader("Cache-Control")).isNull();
    assertThat(signboard.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(signboard.getHeader("Content-Security-Policy")).isEqualTo(PageHeadersFilter.PUBLIC_POLICY);
    assertThat(get("/stations").getHeader("Content-Security-Policy")).isEqualTo(PageHeadersFilter.PUBLIC_POLICY);

    MockHttpServletResponse svg = get("/stations/yy-luzhai-rice/qr.svg");
    assertThat(svg.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(svg.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
    MockHttpServletResponse png = get("/stations/yy-luzhai-rice/qr.png");
    assertThat(png.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(png.getHeader("Content-Security-Policy")).isNull();
  }

  @Test
  void staffPagesAreNeverKeptAndRunOnlyTheirBackLink() throws Exception {
    MockHttpServletResponse response = get("/staff/opinions/YJ20260101-0001");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(PageHeadersFilter.STAFF_POLICY)
        .contains(PageHeadersFilter.BACK_LINK_HASH);
  }
}
