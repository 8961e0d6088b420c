package cn.liaison.platform.mobile;

import cn.liaison.platform.evidence.EvidencePhoto;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Photos taken on the phone for a task (/m/api/tasks/{taskId}/photos), with the session of /m/login: the task must be
 * the caller's own (else 404, nothing stored); the photo is checked and cleaned by the evidence feature.
 */
@RestController
@RequestMapping("/m/api")
class MobilePhotoController {

  private final TaskPhotos photos;
  private final StaffSession staffSession;

  MobilePhotoController(TaskPhotos photos, StaffSession staffSession) {
    this.photos = photos;
    this.staffSession = staffSession;
  }

  @GetMapping("/tasks/{taskId}/photos")
  ResponseEntity<?> list(@PathVariable String taskId, HttpServletRequest request, HttpServletResponse response) {
    return asUser(request, response, user -> ResponseEntity.ok(photos.photos(user, taskId)));
  }

  @PostMapping(path = "/tasks/{taskId}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> upload(@PathVariable String taskId, @RequestParam(name = "file", required = false) MultipartFile file,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] bytes = file == null ? null : file.getBytes();
    return asUser(request, response, user -> {
      TaskPhotos.PhotoView photo = photos.add(user, taskId, bytes);
      return ResponseEntity.created(URI.create(photo.url())).body(photo);
    });
  }

  @GetMapping("/tasks/{taskId}/photos/{photoId}")
  ResponseEntity<?> photo(@PathVariable String taskId, @PathVariable long photoId, HttpServletRequest request,
      HttpServletResponse response) {
    return asUser(request, response, user -> image(photos.read(user, taskId, photoId)));
  }

  @GetMapping("/households/{householdId}/photos/{photoId}")
  ResponseEntity<?> householdPhoto(@PathVariable long householdId, @PathVariable long photoId,
      HttpServletRequest request, HttpServletResponse response) {
    return asUser(request, response, user -> image(photos.readOfHousehold(user, householdId, photoId)));
  }

  private static ResponseEntity<byte[]> image(Map.Entry<EvidencePhoto, byte[]> photo) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey().contentType()))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(photo.getValue());
  }

  private ResponseEntity<?> asUser(HttpServletRequest request, HttpServletResponse response,
      Function<TasklistSession.User, ResponseEntity<?>> work) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(MobileApiController.problem(HttpStatus.UNAUTHORIZED,
          "请先登录", "请先登录移动工作台。", Map.of()));
    }
    return work.apply(user);
  }
}
