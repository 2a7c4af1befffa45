def test_home_redirects_anonymous_to_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


def test_sign_in_page_is_romanian_by_default(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "ro"
