package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletRequest;

/** The client's address for rate limits; behind a proxy the server's forward-headers handling sets it. */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
