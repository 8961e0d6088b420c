package cn.liaison.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** JSON request bodies for the tests' HTTP calls. */
public final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /**
   * A JSON body sent with its Content-Length, as browsers send it (the citizens' endpoints refuse bodies of
   * unknown length, which a streamed Jackson body would be).
   */
  public static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(bytes(body), headers);
  }

  /** The body serialized as UTF-8 JSON. */
  public static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
