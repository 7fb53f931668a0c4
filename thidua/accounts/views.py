"""Log in and out."""

from django.contrib.auth import views as auth_views

from thidua.accounts.forms import ThrottledLoginForm


class LoginView(auth_views.LoginView):
    """Show the login form; failures are throttled."""

    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out (POST only) and return to the login form."""
