"""Request bodies as clients send them: JSON, forms and multipart with Rails-style keys."""

from django.test import RequestFactory
from django.test.client import encode_multipart

from api.params import Params


def test_rails_style_keys() -> None:
    request = RequestFactory().post(
        "/x",
        "media_ids[]=1&media_ids[]=2&poll[options][]=a&poll[options][]=b&poll[expires_in]=60"
        "&fields_attributes[0][name]=n&fields_attributes[0][value]=v&fields_attributes[1][name]=m",
        content_type="application/x-www-form-urlencoded",
    )
    params = Params(request)
    assert params.items("media_ids") == ["1", "2"]
    assert params.mapping("poll") == {"options": ["a", "b"], "expires_in": "60"}
    assert params.items("fields_attributes") == [{"name": "n", "value": "v"}, {"name": "m"}]


def test_json_multipart_and_query() -> None:
    json_request = RequestFactory().post(
        "/x?visibility=private", {"status": "hi", "sensitive": True}, content_type="application/json"
    )
    params = Params(json_request)
    assert params.text("status") == "hi" and params.flag("sensitive") is True and params.text("visibility") == "private"
    body = encode_multipart("B", {"description": "d", "focus": "0.5,0.5"})
    put = RequestFactory().put("/x", body, content_type="multipart/form-data; boundary=B")
    assert Params(put).text("description") == "d"
    form_put = RequestFactory().put("/x", "description=e", content_type="application/x-www-form-urlencoded")
    assert Params(form_put).text("description") == "e"
