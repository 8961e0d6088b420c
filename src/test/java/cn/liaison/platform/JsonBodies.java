package cn.liaison.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** JSON request bodies for the tests' HTTP calls, and the JSON they get back. */
public final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /**
   * A JSON body sent with its Content-Length, as browsers send it (the citizens' endpoints refuse bodies of
   * unknown length, which a streamed Jackson body would be).
   */
  public static HttpEntity<Object> json(Object body) {
    return json(body, new HttpHeaders());
  }

  /** The same with further headers (a tracking key, a signature, credentials); sets the content type. */
  public static HttpEntity<Object> json(Object body, HttpHeaders headers) {
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

  /** A response body as a tree; fails the test if it is no JSON. */
  public static JsonNode tree(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** A response body that is a JSON object. */
  public static Map<String, Object> object(String body) {
    return read(body, new TypeReference<>() {});
  }

  /** A response body read as the type; fails the test if it does not fit. */
  public static <T> T read(String body, TypeReference<T> type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON of the expected shape: " + body, e);
    }
  }
}
