package cn.liaison.platform.trust;

import org.springframework.test.context.ActiveProfiles;

/** The authorization matrix on H2 (the default database). */
@ActiveProfiles("test")
class AuthorizationMatrixTests extends AuthorizationMatrixContract {}
