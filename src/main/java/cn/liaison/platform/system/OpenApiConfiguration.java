package cn.liaison.platform.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI liaisonOpenApi() {
    return new OpenAPI()
        .info(new Info().title("代表联络站闭环工作平台 API").version("1")
            .description("群众意见建议提交与查询、部门对接、台账等接口。工作人员接口使用 HTTP Basic 认证（平台用户）。"))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
  }
}
