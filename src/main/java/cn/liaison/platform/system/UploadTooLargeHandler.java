package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the multipart limit is refused while the request is parsed, before Spring knows its controller, so
 * {@link ApiExceptionHandler} (scoped to the platform's controllers) never sees it and the client got an empty 413.
 * This global handler answers it as the rest of the API answers errors: a problem detail in Chinese.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLargeHandler {

  private final MultipartProperties multipart;

  UploadTooLargeHandler(MultipartProperties multipart) {
    this.multipart = multipart;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "上传的文件过大（每个文件最多 " + multipart.getMaxFileSize().toMegabytes() + " MB），请压缩后重试。");
    problem.setTitle("文件过大");
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
